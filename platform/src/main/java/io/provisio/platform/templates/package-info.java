/** Template engines over the classpath for services that render pages or mails themselves. */
package io.provisio.platform.templates;
