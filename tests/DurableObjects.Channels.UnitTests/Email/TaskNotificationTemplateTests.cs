using DurableObjects.Channels.Email;

namespace DurableObjects.Channels.UnitTests.Email;

public sealed class TaskNotificationTemplateTests
{
    [Fact]
    public void Render_Task_HasSubjectStatusDetailsAndLink()
    {
        var task = new TaskNotification("Modify Calculator", "completed", "Added a square root.", new Uri("https://objects.example.com/runs/r1"));

        var email = TaskNotificationTemplate.Render("ada@example.com", task);

        Assert.Equal("[Durable Objects] Modify Calculator: completed", email.Subject);
        Assert.Contains("Status: completed", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Added a square root.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://objects.example.com/runs/r1", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://objects.example.com/runs/r1\">", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_UserText_IsEncoded()
    {
        var html = TaskNotificationTemplate.Html(new TaskNotification("<script>x</script>", "failed", "a & b"));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b", html, StringComparison.Ordinal);
    }
}
