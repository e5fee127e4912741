"""Small reusable widgets of the recording window."""
