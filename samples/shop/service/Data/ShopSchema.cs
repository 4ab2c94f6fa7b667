using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hypercare.Samples.Shop.Data;

/// <summary>
/// Creates the shop's database from nothing and fills it with a catalog and customers generated from a seed,
/// so that two runs with the same options serve the same data. The products table deliberately has only its
/// primary key: the search in <see cref="ShopSql.SearchProducts"/> has to scan it.
/// </summary>
internal static class ShopSchema
{
    public const string Ddl = """
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL,
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            price_cents INTEGER NOT NULL,
            rating REAL NOT NULL,
            stock INTEGER NOT NULL,
            description TEXT NOT NULL);
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_salt BLOB NOT NULL,
            password_hash BLOB NOT NULL);
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL,
            created_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE carts (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX carts_by_user ON carts (user_id, status);
        CREATE TABLE cart_items (
            cart_id INTEGER NOT NULL,
            product_id INTEGER NOT NULL,
            quantity INTEGER NOT NULL,
            PRIMARY KEY (cart_id, product_id)) WITHOUT ROWID;
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL,
            cart_id INTEGER NOT NULL UNIQUE,
            total_cents INTEGER NOT NULL,
            authorization_id TEXT NOT NULL,
            created_at TEXT NOT NULL);
        """;

    /// <summary>The categories of the catalog; searches name one of them.</summary>
    public static readonly string[] Categories =
    [
        "books", "electronics", "toys", "garden", "kitchen", "sports", "music", "games", "office", "beauty",
        "fashion", "shoes", "tools", "automotive", "pets", "baby", "grocery", "health", "outdoor", "home",
    ];

    private static readonly string[] Adjectives =
    [
        "Classic", "Compact", "Deluxe", "Eco", "Essential", "Heavy-Duty", "Lightweight", "Modern", "Portable",
        "Premium", "Pro", "Rugged", "Smart", "Travel", "Vintage", "Wireless",
    ];

    private static readonly string[] Words =
    [
        "durable", "soft", "quick", "bright", "quiet", "sturdy", "elegant", "simple", "versatile", "reliable",
        "handmade", "recycled", "waterproof", "adjustable", "washable", "foldable", "stackable", "ergonomic",
    ];

    /// <summary>The email a seeded customer signs in with; <paramref name="n"/> is 1-based.</summary>
    public static string UserEmail(int n) => $"user{n}@shop.example";

    /// <summary>The password of a seeded customer.</summary>
    public static string UserPassword(int n) => $"password-{n}";

    /// <summary>Deletes any previous database at the path and creates a seeded one.</summary>
    public static void Create(string databasePath, int products, int users, int seed)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(databasePath + suffix);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Pooling = false,
        }.ToString());
        connection.Open();
        Run(connection, "PRAGMA journal_mode = WAL;");
        Run(connection, Ddl);
        // Reproducible on purpose: the catalog is test data, not secrets.
#pragma warning disable CA5394
        var random = new Random(seed);
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                "INSERT INTO products (id, sku, name, category, price_cents, rating, stock, description) " +
                "VALUES ($id, $sku, $name, $category, $price_cents, $rating, $stock, $description)";
            var p = AddParameters(insert, "$id", "$sku", "$name", "$category", "$price_cents", "$rating", "$stock", "$description");
            for (var id = 1; id <= products; id++)
            {
                var category = Categories[random.Next(Categories.Length)];
                var adjective = Adjectives[random.Next(Adjectives.Length)];
                p[0].Value = id;
                p[1].Value = $"SKU-{id:D7}";
                p[2].Value = $"{adjective} {char.ToUpperInvariant(category[0])}{category[1..]} Item {random.Next(100, 1000)}";
                p[3].Value = category;
                p[4].Value = random.Next(199, 50_000);
                p[5].Value = Math.Round(1 + (random.NextDouble() * 4), 1);
                p[6].Value = random.Next(0, 500);
                p[7].Value = Description(random, adjective, category);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                "INSERT INTO users (id, email, display_name, password_salt, password_hash) " +
                "VALUES ($id, $email, $display_name, $password_salt, $password_hash)";
            var p = AddParameters(insert, "$id", "$email", "$display_name", "$password_salt", "$password_hash");
            var salt = new byte[PasswordHash.SaltBytes];
            for (var n = 1; n <= users; n++)
            {
                random.NextBytes(salt);
                p[0].Value = n;
                p[1].Value = UserEmail(n);
                p[2].Value = $"Customer {n}";
                p[3].Value = salt.ToArray();
                p[4].Value = PasswordHash.Compute(UserPassword(n), salt);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
#pragma warning restore CA5394
    }

    private static string Description(Random random, string adjective, string category)
    {
        var words = new string[12];
        for (var i = 0; i < words.Length; i++)
            words[i] = Words[random.Next(Words.Length)];
        return string.Create(CultureInfo.InvariantCulture,
            $"A {adjective.ToLowerInvariant()} pick from our {category} range: {string.Join(", ", words)}. " +
            $"Ships in {random.Next(1, 6)} days.");
    }

    private static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))];

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
