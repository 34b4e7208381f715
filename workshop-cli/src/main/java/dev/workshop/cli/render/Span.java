package dev.workshop.cli.render;

/** A piece of inline text and the SGR parameters it is shown with ({@code ""} for none). */
record Span(String text, String sgr) {}
