-- A wrk script that walks the shop's purchase journey. Run wrk with as many threads as connections
-- (-t N -c N): each thread then owns one connection, so a response always answers that thread's last
-- request and the session token and cart id it carries can be reused safely.
-- Per thread: sign in as its own customer, then mostly browse, view products and search, now and then
-- fill the cart and check out. Only the shop on loopback is addressed (wrk's URL argument).

local categories = { "books", "electronics", "toys", "garden", "kitchen", "sports", "music", "games", "office", "beauty",
  "fashion", "shoes", "tools", "automotive", "pets", "baby", "grocery", "health", "outdoor", "home" }
local products = tonumber(os.getenv("SHOP_PRODUCTS") or "20000")
local next_thread = 1

function setup(thread)
  thread:set("user", next_thread)
  next_thread = next_thread + 1
end

local token = nil
local cart_id = nil
local step = 0

local function login()
  return wrk.format("POST", "/api/login", { ["Content-Type"] = "application/json" },
    string.format('{"email":"user%d@shop.example","password":"password-%d"}', user, user))
end

local function authed(method, path, body)
  local headers = { ["Authorization"] = "Bearer " .. token }
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, path, headers, body)
end

function init(args)
  math.randomseed(1000 + user)
end

function request()
  step = step + 1
  if token == nil or step % 50 == 0 then
    return login()
  end
  local roll = math.random(100)
  if roll <= 35 then
    return wrk.format("GET", "/api/products/" .. math.random(products))
  elseif roll <= 50 then
    return wrk.format("GET", string.format("/api/products?page=%d&size=20", math.random(50)))
  elseif roll <= 70 then
    local low = math.random(0, 300)
    return wrk.format("GET", string.format("/api/search?category=%s&min_price=%d&max_price=%d&sort=rating",
      categories[math.random(#categories)], low, low + math.random(20, 200)))
  elseif roll <= 85 then
    return authed("POST", "/api/cart/items",
      string.format('{"product_id":%d,"quantity":%d}', math.random(products), math.random(3)))
  elseif roll <= 90 then
    return authed("GET", "/api/cart")
  elseif cart_id ~= nil then
    local body = string.format('{"cart_id":%d}', cart_id)
    cart_id = nil
    return authed("POST", "/api/checkout", body)
  else
    return wrk.format("GET", "/api/products/" .. math.random(products))
  end
end

function response(status, headers, body)
  local t = body:match('"token":"([^"]+)"')
  if t then token = t end
  if body:find('"order_id"', 1, true) == nil then
    local c = body:match('"cart_id":(%d+)')
    if c and body:find('"product_id"', 1, true) then cart_id = tonumber(c) end
  end
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
