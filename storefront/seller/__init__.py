"""The seller's dashboard (/penjual): her shop, products, orders and earnings."""
