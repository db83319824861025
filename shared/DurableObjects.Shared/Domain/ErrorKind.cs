namespace DurableObjects.Shared.Domain;

/// <summary>Why an operation was refused; the HTTP layer maps each kind to its 4xx status.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    Gone,

    /// <summary>Understood, but the code cannot serve: it does not compile, breaks the sandbox policy, or fails its smoke check or tests.</summary>
    Unprocessable,

    /// <summary>Asked too often (a code requested again too soon, too many wrong codes): wait, then ask again.</summary>
    TooManyRequests,
}
