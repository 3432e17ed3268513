package glomers.runtime.spi;

import glomers.runtime.Node;

import java.util.List;

/**
 * Generated for each {@code @Solution} class as {@code <Class>_Dispatcher} and listed in {@code
 * META-INF/services/glomers.runtime.spi.Dispatcher}. The runtime picks one by {@link #solution()}.
 */
public interface Dispatcher {
  /** The {@code @Solution} name. */
  String solution();

  /** A codec for every record the solution sends, receives or gets as an rpc reply. */
  List<Codec<?>> codecs();

  /** Creates the solution instance and its handlers for {@code node}. */
  Handlers bind(Node node);
}
