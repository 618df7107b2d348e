"""CoLearn Desktop: an offline relationship journal for freelancers."""

__version__ = "0.1.0"
