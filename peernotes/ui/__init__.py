"""The Qt layer: a thin shell over peernotes.core. Only this package imports PySide6."""
