// The Function App for functions/ on a Flex Consumption plan (.NET 10 isolated worker, Linux), running as the
// user-assigned identity. Why Flex Consumption and not Elastic Premium: see infra/README.md ("Hosting plan").
//
// The app settings below are the contract with the app: tests/DurableObjects.Infra.Tests compares their names with
// the Values of local.settings.sample.json (minus the documented exceptions), so keep the keys literal here.

@description('Function App name (globally unique: {name}.azurewebsites.net).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region (one that offers Flex Consumption).')
param location string

@description('Tags for every resource.')
param tags object

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of that identity.')
param identityClientId string

@description('Storage account of AzureWebJobsStorage, the task hub and the app\'s tables and blobs.')
param storageAccountName string

@description('Blob container URL that receives deployment packages.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Memory per instance: every instance also hosts the runner processes (each up to its heap limit) and their warm spares.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int

@description('Scale-out limit.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the HTTP group (0: scale to zero; then runners and their warm spares start cold).')
@minValue(0)
param alwaysReadyHttp int

@description('What the app needs from the rest of the deployment; every field becomes an app setting.')
param app appInputs

@description('The app-specific inputs (see README "Configuration").')
type appInputs = {
  @description('Storage:TablePrefix.')
  tablePrefix: string
  @description('DurableObjects:Runner:Mode: Process or ContainerAppsSessions.')
  runnerMode: 'Process' | 'ContainerAppsSessions'
  @description('DurableObjects:Runner:SessionPoolEndpoint (empty unless runnerMode is ContainerAppsSessions).')
  sessionPoolEndpoint: string
  @description('AI:Endpoint: the Azure OpenAI endpoint.')
  openAIEndpoint: string
  @description('Deployment names per role.')
  plannerDeployment: string
  generatorDeployment: string
  judgeDeployment: string
  @description('Twilio.')
  twilioAccountSid: string
  twilioAuthToken: string
  twilioPhoneNumber: string
  @description('Slack bot token and signing secret (Key Vault references or empty), approval channel.')
  slackBotToken: string
  slackSigningSecret: string
  slackApprovalChannel: string
  @description('GitHub.')
  githubToken: string
  githubRepo: string
  githubIssueOnRunFailure: bool
  githubRunFailureLabels: string
  @description('Email.')
  emailProvider: 'auto' | 'sendgrid' | 'smtp'
  sendGridApiKey: string
  smtpHost: string
  smtpPort: int
  smtpUsername: string
  smtpPassword: string
  smtpSecurity: 'auto' | 'none' | 'starttls' | 'ssl'
  fromEmail: string
  fromName: string
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttp > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttp
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Identity-based AzureWebJobsStorage: the Functions host, the Durable Task hub (Azure Storage provider) and the
    // app's own tables and blobs (Storage:ConnectionString unset → these) all use the managed identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // DefaultAzureCredential (Azure OpenAI) picks the user-assigned identity by this client ID.
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The monitor-scan timer trigger's cron (six fields, seconds first); scans are deduplicated per tick.
    MONITOR_SCAN_SCHEDULE: '*/30 * * * * *'
    Storage__TablePrefix: app.tablePrefix
    DurableObjects__Runner__Mode: app.runnerMode
    DurableObjects__Runner__SessionPoolEndpoint: app.sessionPoolEndpoint
    AI__Provider: 'AzureOpenAI'
    AI__Endpoint: app.openAIEndpoint
    AI__UseManagedIdentity: 'true'
    AI__Model: app.generatorDeployment
    AI__Planner__Model: app.plannerDeployment
    AI__Generator__Model: app.generatorDeployment
    AI__Judge__Model: app.judgeDeployment
    TWILIO_ACCOUNT_SID: app.twilioAccountSid
    TWILIO_AUTH_TOKEN: app.twilioAuthToken
    TWILIO_PHONE_NUMBER: app.twilioPhoneNumber
    // Twilio signs the URL it calls: the app checks signatures against this base, not against its proxy's view.
    PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
    SLACK_BOT_TOKEN: app.slackBotToken
    SLACK_SIGNING_SECRET: app.slackSigningSecret
    SLACK_APPROVAL_CHANNEL: app.slackApprovalChannel
    GITHUB_TOKEN: app.githubToken
    GITHUB_REPO: app.githubRepo
    GITHUB_ISSUE_ON_RUN_FAILURE: app.githubIssueOnRunFailure ? 'true' : 'false'
    GITHUB_RUN_FAILURE_LABELS: app.githubRunFailureLabels
    EMAIL_PROVIDER: app.emailProvider
    SENDGRID_API_KEY: app.sendGridApiKey
    SMTP_HOST: app.smtpHost
    SMTP_PORT: string(app.smtpPort)
    SMTP_USERNAME: app.smtpUsername
    SMTP_PASSWORD: app.smtpPassword
    SMTP_SECURITY: app.smtpSecurity
    FROM_EMAIL: app.fromEmail
    FROM_NAME: app.fromName
  }
}

@description('Function App resource ID (for the Static Web App link).')
output id string = site.id

@description('Function App name.')
output name string = site.name

@description('Default host name: https://{hostName}/api, /webhooks/sms, /webhooks/voice.')
output hostName string = site.properties.defaultHostName
