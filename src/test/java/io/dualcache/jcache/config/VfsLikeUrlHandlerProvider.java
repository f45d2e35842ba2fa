package io.dualcache.jcache.config;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.spi.URLStreamHandlerProvider;
import java.nio.file.Path;

/**
 * Serves {@code vfs:} URLs from the file of the same path, as an application server's virtual file
 * system does, so that a test can hand the provider a URL of a scheme only a handler knows.
 */
public final class VfsLikeUrlHandlerProvider extends URLStreamHandlerProvider {

  @Override
  public URLStreamHandler createURLStreamHandler(String protocol) {
    if (!"vfs".equals(protocol)) {
      return null;
    }
    return new URLStreamHandler() {
      @Override
      protected URLConnection openConnection(URL url) throws IOException {
        return Path.of(url.getPath()).toUri().toURL().openConnection();
      }
    };
  }
}
