"""One module per command group; each function takes the parsed arguments."""
