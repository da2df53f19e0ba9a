import { Testing, TerraformStack } from 'cdktf';
import { checkPublicService, inZone } from '../../../lib/networking/private/public-service';

const scope = new TerraformStack(Testing.app(), 'svc');
const at = { scope, prop: 'services[0]' };

/** Services usually arrive as constructs with getters, not plain objects. */
class WebService {
  public get serviceName() { return 'api'; }
  public get originHostname() { return 'acme-api.onrender.com'; }
  public get publicHostname() { return 'api.example.com'; }
  public get healthCheckPath() { return '/health'; }
}

describe('checkPublicService', () => {
  test('reads a class instance by property and returns a plain copy', () => {
    expect(checkPublicService(at, new WebService(), 'example.com')).toEqual({ serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' });
  });

  test.each<[unknown, string]>([
    [null, '[svc] invalid "services[0]": got null; expected an IPublicService'],
    [['api'], '[svc] invalid "services[0]": got ["api"]; expected an IPublicService'],
    [{ serviceName: 'api' }, '[svc] invalid "services[0].originHostname": got undefined; expected a lowercase hostname such as "api.example.com"'],
    [{ serviceName: 'api', originHostname: 'a.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health?x=1' }, '[svc] invalid "services[0].healthCheckPath": got "/health?x=1"'],
  ])('refuses %j', (value, message) => {
    expect(() => checkPublicService(at, value, 'example.com')).toThrow(message);
  });

  test('inZone: the apex and its subdomains only', () => {
    expect(inZone('example.com', 'example.com')).toBe(true);
    expect(inZone('api.example.com', 'example.com')).toBe(true);
    expect(inZone('badexample.com', 'example.com')).toBe(false);
  });
});
