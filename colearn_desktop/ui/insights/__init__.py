"""The Insights screen and its charts."""
