"""Admin screens of this part of land clearance (issue 14), registered by importing this module from wagtail_hooks.py."""
