# Roadmap modules, region roadmaps, pilots, matchmaking and reports live here.
