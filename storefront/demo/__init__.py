"""The demo shop: fictional pilot sellers in Kota Kupang and their products."""
