"""LawDesk's version: one number for the command line, the window and HQ's greeting (the
package build reads it from here too)."""

__version__ = "0.1.0"
