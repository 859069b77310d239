"""The Qt application. The only package that imports PySide6; it holds no rules, it calls
the domain services and shows what they answer."""
