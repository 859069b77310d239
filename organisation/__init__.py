"""Units (科室), officers and their enforcement certificates, and the 持证上岗 rule."""
