"""Where actors sit on a map or a diagram: positions computed server-side."""
