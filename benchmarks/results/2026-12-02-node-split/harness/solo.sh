# solo.sh type size what: perf stat over the measured phase only (1 thread)
rm -f /tmp/ab/solo.go
java $JOPTS -Xmx3g -Dcacheapi=$HOME/.m2/repository/javax/cache/cache-api/1.1.1/cache-api-1.1.1.jar -Djctools=$HOME/.m2/repository/org/jctools/jctools-core/4.0.5/jctools-core-4.0.5.jar -cp /tmp/ab Solo "$1" "$2" "$3" 4 2>/dev/null &
P=$!
while [ ! -f /tmp/ab/solo.go ]; do sleep 0.05; done
sleep 4
wait $P
