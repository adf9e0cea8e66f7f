/** Test support: replies tapped from the real broker and named fixtures. */
package io.provisio.subscription.testing;
