package glomers.harness.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns of the message diagrams: every client merged into one {@code clients} column (clients
 * come and go, one per connection), then the server nodes in the run's order, then any other member
 * and the services that took part.
 */
final class Columns {
  static final String CLIENTS = "clients";
  private static final List<String> SERVICES = List.of("lin-kv", "seq-kv", "lww-kv", "lin-tso");

  final List<String> names = new ArrayList<>();
  private final Map<String, Integer> index = new LinkedHashMap<>();

  Columns(RunData run) {
    Set<String> members = new LinkedHashSet<>();
    boolean clients = false;
    for (RunData.Message m : run.messages()) {
      for (String member : new String[] {m.src(), m.dest()}) {
        if (RunData.isClient(member)) {
          clients = true;
        } else {
          members.add(member);
        }
      }
    }
    if (clients) {
      names.add(CLIENTS);
    }
    for (String node : run.nodes()) {
      names.add(node);
      members.remove(node);
    }
    Set<String> others = new TreeSet<>(members);
    others.removeAll(SERVICES);
    names.addAll(others);
    for (String service : SERVICES) {
      if (members.contains(service)) {
        names.add(service);
      }
    }
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
  }

  int of(String member) {
    if (RunData.isClient(member)) {
      return index.getOrDefault(CLIENTS, 0);
    }
    return index.getOrDefault(member, 0);
  }
}
