"""The staff area (/staf): the home page that links to every staff tool."""
