"""Official documents in the API: issue one (numbered, stored with its snapshot) and list them."""
