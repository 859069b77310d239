"""The whole-process recording area (执法记录) of the window: statistics, findings, retention."""
