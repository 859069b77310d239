"""Recording devices: from plug-in to verified copy, the device registry, custody and ratio standards (issues 3 and 4)."""
