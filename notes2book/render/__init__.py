"""Step 4: tokens become MyST text."""
