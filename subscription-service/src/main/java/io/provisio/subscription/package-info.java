/** subscription-service: see its README. */
package io.provisio.subscription;
