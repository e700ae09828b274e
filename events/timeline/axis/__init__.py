"""The zoomable time axis above the timeline's list: its window (`window`), what it holds
(`content`), and where each mark goes in a drawing (`layout`)."""
