<p>Welcome, {{ $name }}! Your workspace is ready.</p>
