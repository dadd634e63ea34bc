/*-
 * #%L
 * Deblur NMF: deblurring and non-negative matrix factorization for Fiji.
 * %%
 * Copyright (C) 2026 Deblur NMF developers.
 * %%
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 * 
 * 1. Redistributions of source code must retain the above copyright notice,
 *    this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the documentation
 *    and/or other materials provided with the distribution.
 * 
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS OR CONTRIBUTORS BE
 * LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 * CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 * SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 * INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 * CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 * ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 * POSSIBILITY OF SUCH DAMAGE.
 * #L%
 */
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
