"""Pure domain engines: plain Python (and NumPy), no Django import."""
