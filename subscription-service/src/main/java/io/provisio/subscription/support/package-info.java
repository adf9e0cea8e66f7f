/** Small MongoDB helpers the stores share. */
package io.provisio.subscription.support;
