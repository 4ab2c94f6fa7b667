using System.Security.Cryptography;

namespace Hypercare.Samples.Shop.Data;

/// <summary>Salted PBKDF2-SHA256 password hashes of the shop's customers.</summary>
internal static class PasswordHash
{
    public const int SaltBytes = 16;

    /// <summary>
    /// Far below what a real shop should use (hundreds of thousands): seeding a thousand customers must take
    /// about a second, and a login should cost CPU without dominating a load test.
    /// </summary>
    private const int Iterations = 1_000;

    private const int HashBytes = 32;

    public static byte[] Compute(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);

    public static bool Matches(string password, byte[] salt, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Compute(password, salt), expected);
}
