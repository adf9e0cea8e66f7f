/** Small MongoDB helpers every store needs, limited to what MongoDB and the embedded store both support. */
package io.provisio.platform.mongo;
