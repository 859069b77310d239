"""The legal review area (法制审核) of the window."""
