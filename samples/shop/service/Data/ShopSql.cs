namespace Hypercare.Samples.Shop.Data;

/// <summary>A statement the shop runs, named for the query label of its metrics.</summary>
internal sealed record ShopStatement(string Name, string Sql);

/// <summary>
/// Every statement of the shop, hand-written so that the slow log shows exactly what ran. Each comment says
/// how the statement's Rows_examined is estimated, since SQLite does not count examined rows the way MySQL
/// does: the estimate is the number of rows the plan has to visit, given the schema in <see cref="ShopSchema"/>.
/// </summary>
internal static class ShopSql
{
    /// <summary>Rows examined: the offset plus the rows returned (the primary key is walked from the start).</summary>
    public static readonly ShopStatement BrowseProducts = new("browse_products",
        "SELECT id, sku, name, category, price_cents, rating, stock FROM products ORDER BY id LIMIT $limit OFFSET $offset");

    /// <summary>Rows examined: the rows returned (0 or 1), a primary-key lookup.</summary>
    public static readonly ShopStatement ProductById = new("product_by_id",
        "SELECT id, sku, name, category, price_cents, rating, stock, description FROM products WHERE id = $id");

    /// <summary>
    /// The deliberately slow query: neither category, price nor rating is indexed, so SQLite scans the whole
    /// table and sorts the matches. Rows examined: every row of products. An index on (category, rating) or
    /// (category, price_cents) removes the scan.
    /// </summary>
    public static readonly ShopStatement SearchProducts = new("search_products",
        "SELECT id, sku, name, category, price_cents, rating, stock FROM products " +
        "WHERE category = $category AND price_cents BETWEEN $min_price AND $max_price " +
        "ORDER BY rating DESC LIMIT 20");

    /// <summary>Rows examined: the rows returned (0 or 1), through the unique index on email.</summary>
    public static readonly ShopStatement UserByEmail = new("user_by_email",
        "SELECT id, password_salt, password_hash FROM users WHERE email = $email");

    /// <summary>Rows examined: 0, an insert.</summary>
    public static readonly ShopStatement InsertSession = new("insert_session",
        "INSERT INTO sessions (token_hash, user_id, created_at) VALUES ($token_hash, $user_id, $created_at)");

    /// <summary>Rows examined: the rows returned (0 or 1), a primary-key lookup.</summary>
    public static readonly ShopStatement SessionUser = new("session_user",
        "SELECT user_id FROM sessions WHERE token_hash = $token_hash");

    /// <summary>Rows examined: the rows returned, through the index on (user_id, status).</summary>
    public static readonly ShopStatement OpenCart = new("open_cart",
        "SELECT id FROM carts WHERE user_id = $user_id AND status = 'open' ORDER BY id DESC LIMIT 1");

    /// <summary>Rows examined: the rows changed, through the index on (user_id, status).</summary>
    public static readonly ShopStatement AbandonOpenCarts = new("abandon_open_carts",
        "UPDATE carts SET status = 'abandoned' WHERE user_id = $user_id AND status = 'open'");

    /// <summary>Rows examined: 0, an insert.</summary>
    public static readonly ShopStatement InsertCart = new("insert_cart",
        "INSERT INTO carts (user_id, status, created_at) VALUES ($user_id, 'open', $created_at) RETURNING id");

    /// <summary>Rows examined: the rows returned (0 or 1), a primary-key lookup.</summary>
    public static readonly ShopStatement CartById = new("cart_by_id",
        "SELECT id, user_id, status FROM carts WHERE id = $cart_id");

    /// <summary>Rows examined: the rows changed, a primary-key lookup (1 when the line already existed).</summary>
    public static readonly ShopStatement UpsertCartItem = new("upsert_cart_item",
        "INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($cart_id, $product_id, $quantity) " +
        "ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = MIN(cart_items.quantity + excluded.quantity, 999)");

    /// <summary>Rows examined: two per row returned, the cart line by its key prefix and its product by id.</summary>
    public static readonly ShopStatement CartLines = new("cart_lines",
        "SELECT ci.product_id, p.name, ci.quantity, p.price_cents FROM cart_items AS ci " +
        "JOIN products AS p ON p.id = ci.product_id WHERE ci.cart_id = $cart_id ORDER BY ci.product_id");

    /// <summary>Rows examined: 0, an insert.</summary>
    public static readonly ShopStatement InsertOrder = new("insert_order",
        "INSERT INTO orders (user_id, cart_id, total_cents, authorization_id, created_at) " +
        "VALUES ($user_id, $cart_id, $total_cents, $authorization_id, $created_at) RETURNING id");

    /// <summary>Rows examined: the rows changed (0 or 1), a primary-key lookup.</summary>
    public static readonly ShopStatement CloseCart = new("close_cart",
        "UPDATE carts SET status = 'ordered' WHERE id = $cart_id AND status = 'open'");

    /// <summary>Rows examined: two per product changed, its cart line and the product row.</summary>
    public static readonly ShopStatement TakeStock = new("take_stock",
        "UPDATE products SET stock = MAX(stock - (SELECT quantity FROM cart_items " +
        "WHERE cart_id = $cart_id AND product_id = products.id), 0) " +
        "WHERE id IN (SELECT product_id FROM cart_items WHERE cart_id = $cart_id)");
}
