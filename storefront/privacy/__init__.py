"""Personal data under UU PDP 27/2022: purge buyers' contact details after use, erase on
request, and let a seller download her own data."""
