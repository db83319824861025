using System.Security.Cryptography;
using System.Text;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Row key and body encryption of an Idempotency-Key record. The row key is SHA-256 of the key; the body is sealed
/// with AES-256-GCM under HKDF-SHA256(key, salt = user id): storage holds neither the key nor a readable answer.
/// </summary>
public static class IdempotencyCipher
{
    private static readonly byte[] Info = "DurableObjects idempotency answer v1"u8.ToArray();

    public static string RowKey(string idempotencyKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    public static byte[] Seal(string idempotencyKey, string userId, ReadOnlySpan<byte> plaintext)
    {
        var sealedBody = new byte[12 + 16 + plaintext.Length];
        var nonce = sealedBody.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(idempotencyKey, userId), 16);
        aes.Encrypt(nonce, plaintext, sealedBody.AsSpan(28), sealedBody.AsSpan(12, 16));
        return sealedBody;
    }

    public static byte[] Open(string idempotencyKey, string userId, ReadOnlySpan<byte> sealedBody)
    {
        var plaintext = new byte[sealedBody.Length - 28];
        using var aes = new AesGcm(DeriveKey(idempotencyKey, userId), 16);
        aes.Decrypt(sealedBody[..12], sealedBody[28..], sealedBody.Slice(12, 16), plaintext);
        return plaintext;
    }

    private static byte[] DeriveKey(string idempotencyKey, string userId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(idempotencyKey), 32, Encoding.UTF8.GetBytes(userId), Info);
}
