"""What happens with people: conversations, favours both ways, purchases."""
