"""``tongnan serve --workers N`` under load: 1 and 2 server processes side by side."""
