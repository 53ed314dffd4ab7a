-- kysera:up
-- The shop's schema on SQLite. Money is in cents; timestamps are UTC wall clock, stored as text.
CREATE TABLE categories (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id BIGINT,
  slug      VARCHAR(100) NOT NULL,
  name      VARCHAR(100) NOT NULL,
  CONSTRAINT categories_slug UNIQUE (slug),
  CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id)
);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  category_id BIGINT       NOT NULL,
  sku         VARCHAR(64)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  price_cents BIGINT       NOT NULL,
  stock       INTEGER      NOT NULL,
  active      BOOLEAN NOT NULL DEFAULT 1,
  created_at  TEXT,
  updated_at  TEXT,
  CONSTRAINT products_sku UNIQUE (sku),
  CONSTRAINT products_price CHECK (price_cents >= 0),
  -- The last line of defence against overselling: checkout's guarded update is the first.
  CONSTRAINT products_stock CHECK (stock >= 0),
  CONSTRAINT products_category_fk FOREIGN KEY (category_id) REFERENCES categories (id)
);

CREATE TABLE cart_items (
  customer_id BIGINT  NOT NULL,
  product_id  BIGINT  NOT NULL,
  quantity    INTEGER NOT NULL,
  PRIMARY KEY (customer_id, product_id),
  CONSTRAINT cart_items_quantity CHECK (quantity > 0),
  CONSTRAINT cart_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id BIGINT      NOT NULL,
  status      VARCHAR(20) NOT NULL,
  total_cents BIGINT      NOT NULL,
  created_at  TEXT,
  updated_at  TEXT,
  CONSTRAINT orders_status CHECK (status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled'))
);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_items (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id         BIGINT  NOT NULL,
  product_id       BIGINT  NOT NULL,
  quantity         INTEGER NOT NULL,
  unit_price_cents BIGINT  NOT NULL,
  CONSTRAINT order_items_line UNIQUE (order_id, product_id),
  CONSTRAINT order_items_quantity CHECK (quantity > 0),
  CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
);

CREATE TABLE inventory_movements (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id      BIGINT      NOT NULL,
  quantity_change INTEGER     NOT NULL,
  reason          VARCHAR(20) NOT NULL,
  order_id        BIGINT,
  created_at      TEXT,
  CONSTRAINT inventory_movements_reason CHECK (reason IN ('restock', 'sale', 'cancellation')),
  CONSTRAINT inventory_movements_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT inventory_movements_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
);
CREATE INDEX inventory_movements_product ON inventory_movements (product_id);

-- kysera:down
DROP TABLE inventory_movements;
DROP TABLE order_items;
DROP TABLE orders;
DROP TABLE cart_items;
DROP TABLE products;
DROP TABLE categories;
