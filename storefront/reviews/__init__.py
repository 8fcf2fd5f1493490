"""Verified reviews: only a buyer whose order was handed over rates what she bought."""
