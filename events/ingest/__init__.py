"""Articles in: reading article files and texts, and recognising who and where they name.

What an import writes (the source, its suggestions) is `events.services.articles`.
"""
