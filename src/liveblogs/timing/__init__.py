"""timing: posts → time clues, post times with bounds, event times."""
