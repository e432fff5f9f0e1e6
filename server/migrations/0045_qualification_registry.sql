-- The qualification registry (DOMAIN.md §6): a platform table standing in for the national databases of
-- licences and registrations (三品一械). Listing checks a product's number here after its shape.
create table qualification_registry (
  number       text primary key,
  kind         text not null check (kind in ('food_production_licence', 'food_business_licence',
               'health_food_registration', 'cosmetic_registration', 'cosmetic_filing', 'drug_approval',
               'medical_device_registration', 'medical_device_filing')),
  holder       text not null,
  status       text not null check (status in ('valid', 'revoked')),
  valid_until  date,
  revoked_at   timestamptz,
  revoked_reason text,
  check ((status = 'revoked') = (revoked_at is not null))
);

-- Known numbers for tests and demos: valid ones, one expired (valid_until passed), revoked ones. The demo
-- seed adds the numbers of its own products.
insert into qualification_registry (number, kind, holder, status, valid_until, revoked_at, revoked_reason) values
  ('SC10632058300312', 'food_production_licence', '示例食品有限公司', 'valid', '2030-12-31', null, null),
  ('SC11644030500019', 'food_production_licence', '示例饮品有限公司', 'valid', '2029-06-30', null, null),
  ('SC10344010600052', 'food_production_licence', '过期调味品厂', 'valid', '2024-12-31', null, null),
  ('SC12437010200088', 'food_production_licence', '吊销糕点厂', 'revoked', '2030-12-31', '2025-03-01T00:00:00Z', '抽检不合格，许可证被吊销'),
  ('JY14403050012345', 'food_business_licence', '示例商贸有限公司', 'valid', '2030-12-31', null, null),
  ('国食健注G20200123', 'health_food_registration', '示例保健品有限公司', 'valid', '2030-12-31', null, null),
  ('国妆特字G20200456', 'cosmetic_registration', '示例化妆品有限公司', 'valid', '2030-12-31', null, null),
  ('国妆特字G20190001', 'cosmetic_registration', '撤销化妆品公司', 'revoked', '2029-12-31', '2024-08-15T00:00:00Z', '注册证被注销'),
  ('粤G妆网备字2020123456', 'cosmetic_filing', '示例日化有限公司', 'valid', null, null, null),
  ('浙G妆网备字2021000001', 'cosmetic_filing', '示例美妆有限公司', 'valid', null, null, null),
  ('沪G妆网备字2019000666', 'cosmetic_filing', '备案取消日化厂', 'revoked', null, '2023-05-20T00:00:00Z', '备案已取消'),
  ('国药准字H20203001', 'drug_approval', '示例制药有限公司', 'valid', '2030-12-31', null, null),
  ('国械注准20203140001', 'medical_device_registration', '示例医疗器械有限公司', 'valid', '2030-12-31', null, null),
  ('粤穗械备20200001', 'medical_device_filing', '示例器械经营部', 'valid', null, null, null);
