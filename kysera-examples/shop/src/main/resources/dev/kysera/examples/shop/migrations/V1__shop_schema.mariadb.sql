-- kysera:up
-- The shop's schema on MariaDB. Money is in cents; timestamps are UTC wall clock (DATETIME, zone-less).
CREATE TABLE categories (
  id        BIGINT AUTO_INCREMENT PRIMARY KEY,
  parent_id BIGINT,
  slug      VARCHAR(100) NOT NULL,
  name      VARCHAR(100) NOT NULL,
  CONSTRAINT categories_slug UNIQUE (slug),
  CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id)
) ENGINE=InnoDB;

CREATE TABLE products (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  category_id BIGINT       NOT NULL,
  sku         VARCHAR(64)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  price_cents BIGINT       NOT NULL,
  stock       INTEGER      NOT NULL,
  active      BOOLEAN NOT NULL DEFAULT TRUE,
  created_at  DATETIME(6),
  updated_at  DATETIME(6),
  CONSTRAINT products_sku UNIQUE (sku),
  CONSTRAINT products_price CHECK (price_cents >= 0),
  -- The last line of defence against overselling: checkout's guarded update is the first.
  CONSTRAINT products_stock CHECK (stock >= 0),
  CONSTRAINT products_category_fk FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB;

CREATE TABLE cart_items (
  customer_id BIGINT  NOT NULL,
  product_id  BIGINT  NOT NULL,
  quantity    INTEGER NOT NULL,
  PRIMARY KEY (customer_id, product_id),
  CONSTRAINT cart_items_quantity CHECK (quantity > 0),
  CONSTRAINT cart_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB;

CREATE TABLE orders (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT      NOT NULL,
  status      VARCHAR(20) NOT NULL,
  total_cents BIGINT      NOT NULL,
  created_at  DATETIME(6),
  updated_at  DATETIME(6),
  CONSTRAINT orders_status CHECK (status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled'))
) ENGINE=InnoDB;
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_items (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  order_id         BIGINT  NOT NULL,
  product_id       BIGINT  NOT NULL,
  quantity         INTEGER NOT NULL,
  unit_price_cents BIGINT  NOT NULL,
  CONSTRAINT order_items_line UNIQUE (order_id, product_id),
  CONSTRAINT order_items_quantity CHECK (quantity > 0),
  CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB;

CREATE TABLE inventory_movements (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  product_id      BIGINT      NOT NULL,
  quantity_change INTEGER     NOT NULL,
  reason          VARCHAR(20) NOT NULL,
  order_id        BIGINT,
  created_at      DATETIME(6),
  CONSTRAINT inventory_movements_reason CHECK (reason IN ('restock', 'sale', 'cancellation')),
  CONSTRAINT inventory_movements_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT inventory_movements_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB;
CREATE INDEX inventory_movements_product ON inventory_movements (product_id);

-- kysera:down
DROP TABLE inventory_movements;
DROP TABLE order_items;
DROP TABLE orders;
DROP TABLE cart_items;
DROP TABLE products;
DROP TABLE categories;
