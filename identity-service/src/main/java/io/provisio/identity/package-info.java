/** identity-service: see its README. */
package io.provisio.identity;
