"""Local party branches."""
