package io.github.deblurnmf.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownLiteTest {

	@Test
	void theBlocksOfTheReadmeBecomeHtml() {
		final String markdown = "Macro: `run(\"X\", \"a=1\")`;\nsecond line, **bold** and *italic*.\n\n"
			+ "| key | meaning |\n|---|---|\n| `a` | one `\\|` two |\n\n"
			+ "- first item\n  continued\n- second <item>\n\n"
			+ "```bash\njava -jar x.jar --run \"X\"\n```\n"
			+ "#### Sub-heading\nlast";
		assertEquals("<p>Macro: <code>run(&quot;X&quot;, &quot;a=1&quot;)</code>; second line, <b>bold</b> and <i>italic</i>.</p>"
			+ "<table border=\"1\" cellpadding=\"3\" cellspacing=\"0\"><tr><th>key</th><th>meaning</th></tr>"
			+ "<tr><td><code>a</code></td><td>one <code>\\|</code> two</td></tr></table>"
			+ "<ul><li>first item continued</li><li>second &lt;item&gt;</li></ul>"
			+ "<pre>java -jar x.jar --run &quot;X&quot;\n</pre>"
			+ "<h4>Sub-heading</h4><p>last</p>", MarkdownLite.toHtml(markdown));
	}

	@Test
	void anUnmatchedBacktickAndLoneStarsStayText() {
		assertEquals("a `b and 2 * 3 * 4", MarkdownLite.inline("a `b and 2 * 3 * 4"));
	}
}
