-- The demo shop: a plain e-commerce order schema of the kind the IVR meets in production, made only by the
-- local setup (`ivr db up`, the tests). In production the shop's DBA owns all of this; the IVR reads nothing
-- but the `ivr_orders` view at the end, which is the contract of DESIGN.md.
--
-- No foreign keys: a shop's read replica often has none, and bulk seeding of millions of orders is several
-- times faster without them. The generators keep the references right.

CREATE TABLE IF NOT EXISTS customers (
  id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  phone VARCHAR(20) NOT NULL COMMENT 'E.164',
  first_name VARCHAR(100) NULL,
  market CHAR(2) NOT NULL,
  preferred_language VARCHAR(8) NULL,
  created_at DATETIME NOT NULL,
  KEY idx_customers_phone (phone)
);

CREATE TABLE IF NOT EXISTS orders (
  id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  order_number VARCHAR(32) NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  contact_phone VARCHAR(20) NOT NULL COMMENT 'E.164 given at checkout; usually, not always, the customer''s',
  market CHAR(2) NOT NULL,
  status VARCHAR(24) NOT NULL,
  status_at DATETIME NOT NULL COMMENT 'UTC',
  placed_at DATETIME NOT NULL COMMENT 'UTC',
  promised_from DATETIME NULL COMMENT 'UTC',
  promised_to DATETIME NULL COMMENT 'UTC',
  payment_method VARCHAR(16) NOT NULL COMMENT 'COD or PREPAID',
  item_count INT NOT NULL,
  total_amount DECIMAL(12,2) NOT NULL,
  currency CHAR(3) NOT NULL,
  amount_due DECIMAL(12,2) NOT NULL COMMENT 'cash to collect on delivery',
  UNIQUE KEY uq_orders_order_number (order_number),
  KEY idx_orders_contact_phone (contact_phone, placed_at),
  KEY idx_orders_customer (customer_id)
);

CREATE TABLE IF NOT EXISTS order_items (
  order_id BIGINT UNSIGNED NOT NULL,
  line_no SMALLINT UNSIGNED NOT NULL,
  product_name VARCHAR(200) NOT NULL,
  quantity INT NOT NULL,
  unit_price DECIMAL(12,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE IF NOT EXISTS shipments (
  order_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  carrier VARCHAR(40) NOT NULL,
  tracking_number VARCHAR(40) NOT NULL,
  shipped_at DATETIME NOT NULL,
  delivered_at DATETIME NULL
);

CREATE TABLE IF NOT EXISTS refunds (
  order_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  status VARCHAR(16) NOT NULL COMMENT 'PENDING, APPROVED or PAID',
  amount DECIMAL(12,2) NOT NULL,
  updated_at DATETIME NOT NULL COMMENT 'UTC'
);

-- MERGE keeps the view a rewrite of the query on the tables, so a lookup by order_number or customer_phone
-- uses the indexes of `orders` (a test checks the plan with EXPLAIN). The first name is the greeting of
-- whoever answers customer_phone, so it is given only when that phone is the customer's own: an order placed
-- with a brother's phone must not greet the brother by the customer's name. The same holds for the language
-- the customer saved, the view's one optional column (customer_language): the brother is not spoken to in it.
CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY DEFINER VIEW ivr_orders AS
SELECT
  o.order_number,
  o.contact_phone AS customer_phone,
  CASE WHEN o.contact_phone = c.phone THEN c.first_name END AS customer_first_name,
  o.market,
  o.status,
  o.status_at,
  o.placed_at,
  o.promised_from,
  o.promised_to,
  s.carrier,
  o.item_count,
  i.product_name AS first_item_name,
  o.total_amount,
  o.currency,
  o.amount_due,
  r.status AS refund_status,
  r.amount AS refund_amount,
  r.updated_at AS refund_at,
  CASE WHEN o.contact_phone = c.phone THEN c.preferred_language END AS customer_language
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN order_items i ON i.order_id = o.id AND i.line_no = 1
LEFT JOIN shipments s ON s.order_id = o.id
LEFT JOIN refunds r ON r.order_id = o.id;
