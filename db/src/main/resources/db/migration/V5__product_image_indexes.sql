-- The storefront serves an image only when a visible product shows it, and asks on every image request:
-- one index per key column, so that "main = k OR description = k" is two index lookups, not a scan.
CREATE INDEX products_main_image_idx ON products (main_image_key) WHERE NOT hidden;
CREATE INDEX products_description_image_idx ON products (description_image_key) WHERE NOT hidden;
